// workerd runs this module worker: each request runs the flow against the fake server bound as
// NOX_BASE_URL and answers with the result as JSON (or the error, status 500).
import { runFlows } from "./flow.mjs";

export default {
  async fetch(_request, env) {
    try {
      const result = await runFlows({
        baseUrl: env.NOX_BASE_URL,
        apiKey: env.NOX_API_KEY,
        runtime: navigator.userAgent,
      });
      return Response.json(result);
    } catch (error) {
      return Response.json({ error: String(error?.stack ?? error) }, { status: 500 });
    }
  },
};
