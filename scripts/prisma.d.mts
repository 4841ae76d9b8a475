export declare function prismaCommand(args: string[], env?: NodeJS.ProcessEnv): { cmd: string; args: string[]; env: NodeJS.ProcessEnv };
