import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue';

/** Whether a CSS media query matches, kept up to date (false until mounted: the app renders on the client only). */
export function useMediaQuery(query: string): Readonly<Ref<boolean>> {
  const matches = ref(typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia(query).matches : false);
  let list: MediaQueryList | undefined;
  const update = (event: MediaQueryListEvent) => {
    matches.value = event.matches;
  };
  onMounted(() => {
    if (typeof window.matchMedia !== 'function') return;
    list = window.matchMedia(query);
    matches.value = list.matches;
    list.addEventListener('change', update);
  });
  onBeforeUnmount(() => list?.removeEventListener('change', update));
  return matches;
}

/** Nuxt UI's `lg` breakpoint, where the dashboard sidebar stops being a slide-over. */
export const DESKTOP_QUERY = '(min-width: 1024px)';
