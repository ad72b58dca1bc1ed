import React, {lazy, Suspense, type ComponentProps, type ReactNode} from 'react';
import type CodeBlock from '@theme-original/CodeBlock';

// Prism, its grammars and the theme's CodeBlock, loaded only for a block the build could not highlight.
const Lazy = lazy(() => import('./prism-code-block'));

export default function FallbackCodeBlock(props: ComponentProps<typeof CodeBlock>): ReactNode {
  return (
    <Suspense fallback={<pre>{props.children}</pre>}>
      <Lazy {...props} />
    </Suspense>
  );
}
