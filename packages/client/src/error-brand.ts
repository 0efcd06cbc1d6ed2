// Two copies of this package in one process (the ESM and the CJS build, or two installs) have two sets
// of error classes: plain `instanceof` would say an error from one copy is not a NoxError of the other.
// Each class is branded instead with a registry symbol (`Symbol.for`), which every copy shares, on its
// prototype; `instanceof` (through `Symbol.hasInstance`) and `isNoxError` check for the brand.

const PREFIX = "@nox-energy/authenticator-client/";
/** The static property holding a class's own brand (own, so a subclass does not inherit its parent's). */
const CLASS_BRAND = Symbol.for(`${PREFIX}brand`);

type ErrorClass = abstract new (...args: never[]) => Error;

/**
 * Brands each class under its key (a literal name, which minifiers leave alone, unlike a class's
 * `name`): an instance of a class, or of any subclass, from any copy of the package carries the brand.
 */
export function brandErrorClasses(classes: Record<string, ErrorClass>): void {
  for (const [name, errorClass] of Object.entries(classes)) {
    const brand = Symbol.for(`${PREFIX}${name}`);
    Object.defineProperty(errorClass, CLASS_BRAND, { value: brand });
    Object.defineProperty(errorClass.prototype, brand, { value: true });
  }
}

/**
 * `value instanceof errorClass`, across copies of the package: true when `value` carries the class's
 * brand (it is an instance of that class, or a subclass, of any copy). An unbranded class falls back to
 * the prototype chain.
 */
export function isBrandedInstance(errorClass: ErrorClass, value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  const brand: unknown = Object.hasOwn(errorClass, CLASS_BRAND)
    ? (errorClass as unknown as Record<symbol, unknown>)[CLASS_BRAND]
    : undefined;
  if (typeof brand !== "symbol") return Function.prototype[Symbol.hasInstance].call(errorClass, value);
  return brand in value;
}
