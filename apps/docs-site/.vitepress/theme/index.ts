// The default VitePress theme plus the playground component (used by docs/playground.md).
import DefaultTheme from 'vitepress/theme';
import type { Theme } from 'vitepress';
import Playground from './components/Playground.vue';
import './custom.css';

// The API pages (typedoc Markdown under /api/) are VitePress pages like the guides: the client
// router loads them. (A hook that sent /api/ links to a full page load made every API page
// reload itself forever once they became VitePress pages.)
const theme: Theme = {
  extends: DefaultTheme,
  enhanceApp({ app }) {
    app.component('Playground', Playground);
  },
};
export default theme;
