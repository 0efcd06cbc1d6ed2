import { BINARY_BODY, FORM_BODY, MULTIPART_BODY, TEXT_BODY } from "./body-media.js";
import type { NoxCodecs } from "./codecs.js";
import { PARAMETERS } from "./parameters.js";

/** Every codec: for descriptors the generator did not write (`callOperation`), whatever they need. */
export const ALL_CODECS: NoxCodecs = Object.freeze({
  parameters: PARAMETERS,
  bodies: Object.freeze({ form: FORM_BODY, multipart: MULTIPART_BODY, text: TEXT_BODY, binary: BINARY_BODY }),
});
