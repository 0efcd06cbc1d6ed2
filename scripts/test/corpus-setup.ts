/** The corpus task's global set-up: every pinned document fetched once, before any test file reads one. */
import { fetchCorpus } from "./corpus-fetch.ts";

export default async function setup(): Promise<void> {
  await fetchCorpus();
}
