// Types of seedrandom's ARC4 file (the default export of the package's index, without the
// other generators); @types/seedrandom declares only the package root.
declare module 'seedrandom/seedrandom.js' {
  import seedrandom from 'seedrandom';
  export default seedrandom;
}
