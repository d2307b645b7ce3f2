// libsvm-js 0.2.1 ships no typings. Its main entry (the wasm build) exports a promise of the SVM
// class; `libsvm-js/asm.js` exports the class itself.
declare module 'libsvm-js' {
  const loader: Promise<unknown>;
  export default loader;
}
declare module 'libsvm-js/asm.js' {
  const svm: unknown;
  export default svm;
}
