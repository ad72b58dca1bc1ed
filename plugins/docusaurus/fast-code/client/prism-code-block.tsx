import {Prism} from 'prism-react-renderer';
import prismIncludeLanguages from '@theme/prism-include-languages';
import CodeBlockWithValues from '@site/src/theme/CodeBlock/WithValues';

prismIncludeLanguages(Prism);
export default CodeBlockWithValues;
