import { useInput } from 'ink';

/** Calls `handler` on Esc while `active` (a step closing its own sub-view). */
export function useEscape(active: boolean, handler: () => void): void {
  useInput(
    (_input, key) => {
      if (key.escape) handler();
    },
    { isActive: active },
  );
}
