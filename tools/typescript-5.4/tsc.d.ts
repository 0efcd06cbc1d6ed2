/** The path of TypeScript 5.4's `tsc` launcher (run it with `node`). */
export declare const TSC_5_4: string;
