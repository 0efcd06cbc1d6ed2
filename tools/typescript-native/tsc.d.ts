/** The path of TypeScript 7's `tsc` launcher (run it with `node`). */
export declare const TSC_NATIVE: string;
