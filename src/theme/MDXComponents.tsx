import MDXComponents from '@theme-original/MDXComponents';
import Anchor from '@site/src/components/Anchor';
import GlossaryTerm from '@site/src/components/GlossaryTerm';
import TableRow from '@site/src/components/TableRow';

// Components our remark plugins emit into pages, available without an import.
export default {
  ...MDXComponents,
  Anchor,
  GlossaryTerm,
  tr: TableRow,
};
