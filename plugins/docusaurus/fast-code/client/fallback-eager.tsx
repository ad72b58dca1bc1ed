import React, {type ComponentProps, type ReactNode} from 'react';
import CodeBlock from '@theme-original/CodeBlock';
import CodeBlockWithValues from '@site/src/theme/CodeBlock/WithValues';

/** The theme's CodeBlock (client-side Prism), with the reader's values. */
export default function FallbackCodeBlock(props: ComponentProps<typeof CodeBlock>): ReactNode {
  return <CodeBlockWithValues {...props} />;
}
