<?xml version="1.0" encoding="UTF-8"?>
<!--
  Shows an Atom or RSS feed of this site as a readable page when someone opens it in a web
  browser. Feed readers ignore this file; they read the feed itself.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:atom="http://www.w3.org/2005/Atom"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    exclude-result-prefixes="atom dc">
  <xsl:output method="html" encoding="UTF-8" indent="yes" doctype-system="about:legacy-compat"/>

  <xsl:variable name="title" select="/atom:feed/atom:title | /rss/channel/title"/>
  <xsl:variable name="description" select="/atom:feed/atom:subtitle | /rss/channel/description"/>
  <xsl:variable name="home" select="/atom:feed/atom:link[@rel='alternate']/@href | /rss/channel/link"/>
  <xsl:variable name="self" select="/atom:feed/atom:link[@rel='self']/@href | /rss/channel/atom:link[@rel='self']/@href"/>
  <xsl:variable name="lang">
    <xsl:choose>
      <xsl:when test="/atom:feed/@xml:lang"><xsl:value-of select="/atom:feed/@xml:lang"/></xsl:when>
      <xsl:when test="/rss/channel/language"><xsl:value-of select="/rss/channel/language"/></xsl:when>
      <xsl:otherwise>en</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <xsl:template match="/">
    <html lang="{$lang}">
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="robots" content="noindex"/>
        <title><xsl:value-of select="$title"/> (feed)</title>
        <style>
          body { margin: 0; font-family: system-ui, sans-serif; font-size: 1.125rem; line-height: 1.6; color: #1b1b1b; background: #ffffff; }
          main { max-width: 44rem; margin: 0 auto; padding: 1rem; }
          a { color: #4a2372; }
          a:focus-visible { outline: 3px solid #1b1b1b; outline-offset: 2px; }
          .notice { border: 2px solid #4a2372; padding: .75rem 1rem; border-radius: .25rem; }
          .notice code { word-break: break-all; }
          ol { padding-left: 0; list-style: none; }
          li { border-top: 1px solid #767676; padding: 1rem 0; }
          h2 { font-size: 1.25rem; margin: 0 0 .25rem; }
          .meta { color: #4a4a4a; margin: 0; }
          @media (prefers-reduced-motion: reduce) { * { scroll-behavior: auto; } }
        </style>
      </head>
      <body>
        <main>
          <h1><xsl:value-of select="$title"/></h1>
          <div class="notice">
            <p><strong>This is a feed.</strong> Feed readers and newsletter tools use this address to
              follow new posts. To follow them, copy this page's address into your feed reader:
              <code><xsl:value-of select="$self"/></code></p>
            <p><a href="{$home}">Go to the web page these posts come from</a></p>
          </div>
          <p><xsl:value-of select="$description"/></p>
          <ol>
            <xsl:apply-templates select="/atom:feed/atom:entry | /rss/channel/item"/>
          </ol>
        </main>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="atom:entry">
    <li>
      <h2><a href="{atom:link[not(@rel) or @rel='alternate'][1]/@href}"><xsl:value-of select="atom:title"/></a></h2>
      <p class="meta">
        <xsl:value-of select="atom:author/atom:name"/>
        <xsl:text> · </xsl:text>
        <time datetime="{atom:published}"><xsl:value-of select="substring(atom:published, 1, 10)"/></time>
      </p>
      <p><xsl:value-of select="atom:summary"/></p>
    </li>
  </xsl:template>

  <xsl:template match="item">
    <li>
      <h2><a href="{link}"><xsl:value-of select="title"/></a></h2>
      <p class="meta">
        <xsl:value-of select="dc:creator"/>
        <xsl:text> · </xsl:text>
        <xsl:value-of select="pubDate"/>
      </p>
      <p><xsl:value-of select="description"/></p>
    </li>
  </xsl:template>
</xsl:stylesheet>
