import { onBeforeUnmount, ref, type Ref } from 'vue'

/** Below this width the menu becomes a drawer and tables become cards. */
export const PHONE_MAX_WIDTH = 768

export function useIsPhone(): Ref<boolean> {
  const query = window.matchMedia(`(max-width: ${PHONE_MAX_WIDTH}px)`)
  const isPhone = ref(query.matches)
  const update = (e: MediaQueryListEvent): void => {
    isPhone.value = e.matches
  }
  query.addEventListener('change', update)
  onBeforeUnmount(() => query.removeEventListener('change', update))
  return isPhone
}
