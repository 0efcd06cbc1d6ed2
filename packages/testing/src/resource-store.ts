import type { Route } from "./fake-api.js";
import { propertiesOf } from "./schema-walk.js";

/** How a GET route reads a created resource: from which collection, by which property. */
export interface ReadRule {
  /** The path template of the collection a POST creates into, e.g. `/supplier/link-sessions`. */
  collection: string;
  /** The GET's last path parameter, e.g. `link_token`. */
  parameter: string;
  /** The POST's success body property it reads: the parameter's name, or `id` for a `<thing>Id` parameter. */
  property: string;
}

/**
 * The read rule of `route`, if any: a GET whose path is `{collection}/{name}`, where a POST on
 * `{collection}` exists and its success body has a property `name` (or `id`, for a `name` like
 * `orderId` or `order_id`), returns the resource that POST created whose property equals the path's value.
 */
export function readRuleFor(
  route: Route,
  routes: readonly Route[],
  components: Readonly<Record<string, unknown>>,
): ReadRule | undefined {
  if (route.method !== "GET") return undefined;
  const match = /^(.*)\/\{([^{}/]+)\}$/.exec(route.path);
  if (match === null) return undefined;
  const [, collection = "", name = ""] = match;
  const create = routes.find((r) => r.method === "POST" && r.path === collection);
  if (create?.success?.schema == null) return undefined;
  const properties = propertiesOf(create.success.schema, components);
  if (properties.has(name)) return { collection, parameter: name, property: name };
  // `{orderId}` beside a body with `id` (petstore's), `{order_id}` too.
  return /^.+(Id|_id|ID)$/.test(name) && properties.has("id")
    ? { collection, parameter: name, property: "id" }
    : undefined;
}

/** A path template with its parameters filled in (percent-encoded), for keying collections. */
export function fillPath(template: string, params: Readonly<Record<string, unknown>>): string {
  return template.replace(/\{([^{}/]+)\}/g, (_, name: string) => encodeURIComponent(String(params[name])));
}

/** One created resource and the fake-clock time (Unix seconds) it is forgotten at. */
interface Kept {
  resource: object;
  evictAt: number;
}

/** The resources POST routes created, per collection path, oldest first, each until its eviction time. */
export class ResourceStore {
  #collections = new Map<string, Kept[]>();
  #sweptAt = Number.NEGATIVE_INFINITY;

  /** Keeps `resource` as created in the collection at `path` (parameters filled in) until `evictAt`. */
  add(path: string, resource: object, now: number, evictAt: number): void {
    this.#sweep(now);
    const list = this.#collections.get(path) ?? [];
    list.push({ resource, evictAt });
    this.#collections.set(path, list);
  }

  /** The newest resource kept at `now` in the collection at `path` whose `property` reads `value`. */
  find(path: string, property: string, value: string, now: number): object | undefined {
    this.#sweep(now);
    const list = this.#collections.get(path) ?? [];
    return list.findLast((k) => String((k.resource as Record<string, unknown>)[property]) === value)
      ?.resource;
  }

  // At most once per tick of the fake's clock: a burst of requests in one second sweeps once.
  #sweep(now: number): void {
    if (now === this.#sweptAt) return;
    this.#sweptAt = now;
    for (const [path, list] of this.#collections) {
      const kept = list.filter((k) => now < k.evictAt);
      if (kept.length === 0) this.#collections.delete(path);
      else if (kept.length !== list.length) this.#collections.set(path, kept);
    }
  }

  /** Forgets every resource. */
  clear(): void {
    this.#collections.clear();
    this.#sweptAt = Number.NEGATIVE_INFINITY;
  }
}
