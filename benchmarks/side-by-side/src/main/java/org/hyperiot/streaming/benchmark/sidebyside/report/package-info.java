/**
 * The results of one side-by-side benchmark run and their two presentations: a Markdown report
 * with throughput, latency and goal tables, and a PNG chart of throughput and latency. Nothing here
 * measures anything; the benchmark fills a {@link
 * org.hyperiot.streaming.benchmark.sidebyside.report.BenchmarkReport} and hands it over.
 */
package org.hyperiot.streaming.benchmark.sidebyside.report;
