import MDXComponents from '@theme-original/MDXComponents';
import Anchor from '@site/src/components/Anchor';
import DownloadBox from '@site/src/components/DownloadBox';
import DownloadsIndex from '@site/src/components/DownloadsIndex';
import GlossaryTerm from '@site/src/components/GlossaryTerm';
import Snippet from '@site/src/components/Snippet';
import TableRow from '@site/src/components/TableRow';
import {TryFilters} from '@site/src/components/TryFilter';
import TryJails from '@site/src/components/TryJails';
import ValuesForm from '@site/src/components/ValuesForm';
import InlineCodeWithValues from '@site/src/components/FilledText/InlineCode';

// Components our remark plugins emit into pages, available without an import.
export default {
  ...MDXComponents,
  Anchor,
  DownloadBox,
  DownloadsIndex,
  GlossaryTerm,
  Snippet,
  ValuesForm,
  code: InlineCodeWithValues,
  TryFilters,
  TryJails,
  tr: TableRow,
};
