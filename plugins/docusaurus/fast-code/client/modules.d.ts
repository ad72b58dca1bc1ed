declare module '@mailguide/code-fallback' {
  import type {ComponentProps, ReactNode} from 'react';
  import type CodeBlock from '@theme/CodeBlock';

  /** The theme's own CodeBlock (client-side Prism), with the reader's values: eager in plain builds, lazy otherwise. */
  export default function FallbackCodeBlock(props: ComponentProps<typeof CodeBlock>): ReactNode;
}
