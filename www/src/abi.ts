// A session's ABI text, read leniently for display: no ABI, or one that does not parse, is null
// (making calldata from it is strict instead: see InputsView.calldata).
import type { Abi } from 'viem';

export function abiOf(text: string): Abi | null {
  if (!text) return null;
  try {
    return JSON.parse(text) as Abi;
  } catch {
    return null;
  }
}
