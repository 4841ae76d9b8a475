export declare const SQLITE_SCHEMA: string;
export declare const PG_SCHEMA: string;
export declare function pgSchemaFrom(sqlite: string): string;
