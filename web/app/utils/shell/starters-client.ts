import { apiJson } from './api';
import { OFFLINE_STARTERS, StartersResponseSchema, type StartersResponse } from './starters';

// Asked once per page load: the server caches per user too, and the questions need not change while one reads.
let shared: Promise<StartersResponse> | undefined;

/** The starter questions; a few generic ones when the server cannot be asked (asked again next time). */
export function loadStarters(): Promise<StartersResponse> {
  shared ??= apiJson(StartersResponseSchema, '/api/starters').catch(() => {
    shared = undefined;
    return OFFLINE_STARTERS;
  });
  return shared;
}
