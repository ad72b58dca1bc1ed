import React, {useMemo, useRef, type ComponentProps, type ReactNode} from 'react';
import CodeBlock from '@theme-original/CodeBlock';
import {fillWithOffsets} from '@site/plugins/guide-model/placeholder-text';
import {hasPlaceholders, useHighlightRanges} from '@site/src/components/FilledText';
import {useReaderValues} from '@site/src/values/readerValues';

/**
 * Every code block shows the reader's values in place of the guide's
 * placeholders ({DOMAIN} …), marked; without values (or JavaScript) it shows
 * the placeholders, as the guide writes them.
 */
export default function CodeBlockWithValues(props: ComponentProps<typeof CodeBlock>): ReactNode {
  const {values} = useReaderValues();
  const container = useRef<HTMLDivElement>(null);
  const source = typeof props.children === 'string' ? props.children : undefined;
  const filled = useMemo(() => (source !== undefined && hasPlaceholders(source) && Object.keys(values).length > 0 ? fillWithOffsets(source, values) : undefined), [source, values]);
  useHighlightRanges(container, filled?.filled ?? []);
  if (!filled || filled.filled.length === 0) return <CodeBlock {...props} />;
  return (
    <div ref={container} data-reader-values="">
      <CodeBlock {...props}>{filled.text}</CodeBlock>
    </div>
  );
}
