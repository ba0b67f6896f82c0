/**
 * Screens load on first use, each in a chunk of its own, with the app's loading state while they
 * come: the first load carries the shell and Oversikt (where a signed-in user lands), not every
 * screen. Vite preloads a chunk's own imports with it.
 */
import { type ComponentType, lazy, Suspense } from 'react';
import { Loading } from '../components/Feedback.js';
import type { ScreenProps } from './screens.js';

export function lazyScreen(load: () => Promise<ComponentType<ScreenProps>>): ComponentType<ScreenProps> {
  const Screen = lazy(() => load().then((component) => ({ default: component })));
  function LazyScreen(props: ScreenProps) {
    return (
      <Suspense fallback={<Loading />}>
        <Screen {...props} />
      </Suspense>
    );
  }
  return LazyScreen;
}
