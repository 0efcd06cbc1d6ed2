/** The listeners of one caller signal, behind its single "abort" listener. */
interface FanOut {
  readonly listeners: Set<() => void>;
  readonly dispatch: () => void;
}

const FAN_OUTS = /* @__PURE__ */ new WeakMap<AbortSignal, FanOut>();

/**
 * Calls `listener` once when `signal` aborts; returns the function that stops listening. However many
 * calls and attempts share one caller signal, it carries one "abort" listener of ours (11 of them would
 * set off Node's MaxListenersExceededWarning), removed again when the last of ours stops listening.
 */
export function onAbort(signal: AbortSignal, listener: () => void): () => void {
  let fanOut = FAN_OUTS.get(signal);
  if (fanOut === undefined) {
    const listeners = new Set<() => void>();
    const dispatch = () => {
      FAN_OUTS.delete(signal);
      for (const each of listeners) each();
    };
    fanOut = { listeners, dispatch };
    FAN_OUTS.set(signal, fanOut);
    signal.addEventListener("abort", dispatch, { once: true });
  }
  const { listeners, dispatch } = fanOut;
  listeners.add(listener);
  return () => {
    if (!listeners.delete(listener) || listeners.size > 0) return;
    signal.removeEventListener("abort", dispatch);
    if (FAN_OUTS.get(signal)?.dispatch === dispatch) FAN_OUTS.delete(signal);
  };
}
