import { join } from "node:path";

/** How to run the runtime consumer (e2e/consumers/runtime) on one non-Node runtime. */
export interface JsRuntime {
  name: string;
  /** What `navigator.userAgent` (plus workerd's version) must say: proof the flow ran there. */
  reports: RegExp;
  /** The command, run in the consumer project with NOX_BASE_URL and NOX_API_KEY in its environment. */
  command(consumerDir: string, env: RuntimeEnv): { command: string; args: string[]; env: NodeJS.ProcessEnv };
}

/** What a runtime needs from the host: a Node 22+ for miniflare, a scratch directory for caches. */
export interface RuntimeEnv {
  node22Plus: string;
  scratch: string;
}

const bin = (dir: string, name: string) => join(dir, "node_modules", ".bin", name);

/** Bun, Deno and workerd, each from the npm package the consumer's package.json pins. */
export const JS_RUNTIMES: readonly JsRuntime[] = [
  {
    name: "Bun",
    reports: /^Bun\/1\.4\./,
    command: (dir) => ({ command: bin(dir, "bun"), args: ["cli.mjs"], env: { DO_NOT_TRACK: "1" } }),
  },
  {
    name: "Deno",
    reports: /^Deno\/2\.9\./,
    command: (dir, { scratch }) => ({
      command: bin(dir, "deno"),
      // Least privilege: the network on 127.0.0.1 and the two variables the flow reads, nothing else. The client
      // also looks at NOX_LOG; Deno refuses to read it here, which must count as unset.
      args: [
        "run",
        "--no-lock",
        "--no-prompt",
        "--allow-net=127.0.0.1",
        "--allow-env=NOX_BASE_URL,NOX_API_KEY",
        "cli.mjs",
      ],
      env: { DENO_DIR: join(scratch, "deno-dir"), DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" },
    }),
  },
  {
    name: "workerd (miniflare)",
    reports: /^Cloudflare-Workers workerd\/1\.\d{8}\./,
    command: (_dir, { node22Plus }) => ({ command: node22Plus, args: ["workerd.mjs"], env: {} }),
  },
];
