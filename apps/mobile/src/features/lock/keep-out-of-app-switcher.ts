/**
 * iOS tells the app it is leaving (`inactive`) before it takes the app switcher's picture, so the app
 * lock's cover is enough there; Android needs more (see the `.android` twin).
 */
export function useKeepOutOfAppSwitcher(_on: boolean) {}
