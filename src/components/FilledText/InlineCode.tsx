import React, {type ComponentProps, type ReactNode} from 'react';
import MDXCode from '@theme-original/MDXComponents/Code';
import {useReaderValues} from '@site/src/values/readerValues';
import {FilledInline, hasPlaceholders} from '.';

/** Inline code in prose (`mail.{DOMAIN}`) with the reader's values filled in and marked. */
export default function InlineCodeWithValues(props: ComponentProps<'code'>): ReactNode {
  const {values} = useReaderValues();
  const text = typeof props.children === 'string' ? props.children : undefined;
  if (text === undefined || text.includes('\n') || !hasPlaceholders(text) || Object.keys(values).length === 0) return <MDXCode {...props} />;
  return (
    <code {...props}>
      <FilledInline text={text} values={values} />
    </code>
  );
}
