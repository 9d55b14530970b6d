// The package ships plain CommonJS without types: `module.exports = stem`.
declare module 'wink-porter2-stemmer' {
  const stem: (word: string) => string;
  export default stem;
}
