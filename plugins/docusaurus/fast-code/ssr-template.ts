/**
 * Docusaurus's page template, except for its scripts: instead of `<script
 * defer>` in the head (which run before the first paint whenever they arrive
 * before the HTML is parsed), a small inline script adds them, in order, right
 * after the page's first paint. The page is complete static HTML, so the
 * reader sees it at once; React takes over a frame later.
 */
export const ssrTemplate = `
<!DOCTYPE html>
<html <%~ it.htmlAttributes %>>
  <head>
    <meta charset="UTF-8">
    <meta name="generator" content="Docusaurus v<%= it.version %>">
    <% it.metaAttributes.forEach((metaAttribute) => { %>
      <%~ metaAttribute %>
    <% }); %>
    <%~ it.headTags %>
    <% it.stylesheets.forEach((stylesheet) => { %>
      <link rel="stylesheet" href="<%= it.baseUrl %><%= stylesheet %>" />
    <% }); %>
  </head>
  <body <%~ it.bodyAttributes %>>
    <%~ it.preBodyTags %>
    <div id="__docusaurus"><%~ it.appHtml %></div>
    <%~ it.postBodyTags %>
    <script>(function(){var s=<%~ JSON.stringify(it.scripts.map(function(script){return it.baseUrl + script;})) %>;function load(){s.forEach(function(u){var e=document.createElement('script');e.src=u;e.async=false;document.head.appendChild(e);});}requestAnimationFrame(function(){setTimeout(load,0);});})();</script>
  </body>
</html>
`;
