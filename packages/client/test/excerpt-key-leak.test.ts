import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createNoxClient, NoxError } from "../src/index.js";

// A key with a space in it (any printable ASCII is accepted): a server that echoes it with the space
// spelt as a line break or an HTML tag must not get it into the error once the excerpt collapses them.
const KEY = "sk live 0123456789abcdef";
const BODIES = [
  "<p>sk live<br>0123456789abcdef</p>",
  "sk live\n0123456789abcdef",
  "sk  live\t0123456789abcdef",
];

let server: Server;
let url = "";
beforeAll(async () => {
  let n = 0;
  server = createServer((_req, res) => {
    res.writeHead(400, { "content-type": "text/html" }).end(BODIES[n++ % BODIES.length]);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

test.each(BODIES.map((body, i) => [i, body] as const))(
  "an error excerpt never rebuilds a spaced key from a body that spells its space as markup or a line break (%i)",
  async () => {
    const nox = createNoxClient({ apiKey: KEY, baseUrl: url, maxRetries: 0, logLevel: "off" });
    const error = await nox
      .createLinkSession({ user_id: "u-1", asset_type: "hp", redirect_url: "https://app.example/cb" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoxError);
    const shown = `${(error as Error).message} ${JSON.stringify(error)}`;
    expect(shown).not.toContain(KEY);
  },
);
