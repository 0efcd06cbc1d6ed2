export { createNoxHandlers, type NoxHandlers, type NoxHandlersOptions } from "../create-nox-handlers.js";
export { DEFAULT_BASE_URL } from "../defaults.js";
