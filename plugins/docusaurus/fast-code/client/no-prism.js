// Stands in for @docusaurus/theme-classic's Prism client module: code is highlighted at build time.
export {};
