/**
 * The web console: the servlet that serves its files and the rules for which files it serves and with
 * which headers. Not exported; the console's public face is its pages, which use only the REST API.
 */
package org.hyperiot.streaming.console.internal;
