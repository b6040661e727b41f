import { createContext, useContext } from "react";
import type { Backend } from "./api";

const BackendContext = createContext<Backend | null>(null);

export const BackendProvider = BackendContext.Provider;

/** The backend the app was started with. */
export function useBackend(): Backend {
  const backend = useContext(BackendContext);
  if (!backend) throw new Error("useBackend outside BackendProvider");
  return backend;
}
