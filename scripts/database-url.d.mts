export declare const projectRoot: string;
export declare const dataDir: string;
export declare function resolveDatabaseUrl(): string;
export declare function sqlitePath(url?: string): string;
export declare function isPostgresUrl(url?: string): boolean;
