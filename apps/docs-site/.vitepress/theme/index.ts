// The default VitePress theme plus the playground component (used by docs/playground.md).
import DefaultTheme from 'vitepress/theme';
import { inBrowser, withBase, type Theme } from 'vitepress';
import Playground from './components/Playground.vue';
import './custom.css';

const theme: Theme = {
  extends: DefaultTheme,
  enhanceApp({ app, router }) {
    app.component('Playground', Playground);
    // The API reference is typedoc's own HTML under /api/, not a VitePress page: load it fully
    // instead of letting the client-side router look for a page that is not there.
    const api = withBase('/api/');
    router.onBeforeRouteChange = (to) => {
      if (inBrowser && new URL(to, location.href).pathname.startsWith(api)) {
        location.assign(to);
        return false;
      }
      return true;
    };
  },
};
export default theme;
