import type { ServerResponse } from "node:http";

export declare function isDocumentType(contentType: unknown): boolean;
export declare function defaultDocumentCsp(res: ServerResponse, policy: string): void;
