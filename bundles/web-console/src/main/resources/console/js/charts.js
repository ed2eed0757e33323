// Live line charts over the last minutes, drawn with uPlot (embedded in the bundle from its WebJar).
const uPlotModule = import(new URL(document.querySelector('meta[name="hyperiot-uplot"]').content, document.baseURI).href);

const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd'];

/**
 * A chart of a few series against time, keeping `capacity` points. `add(seconds, values)` appends a
 * point (values in series order, null for no value) and redraws.
 */
export async function liveChart(container, title, unit, seriesNames, capacity) {
  const { default: uPlot } = await uPlotModule;
  const data = [[], ...seriesNames.map(() => [])];
  const width = () => Math.max(280, Math.min(container.clientWidth || 460, 620) - 10);
  const plot = new uPlot({
    title,
    width: width(),
    height: 200,
    scales: { x: { time: true } },
    axes: [{}, { label: unit, size: 60 }],
    series: [{}, ...seriesNames.map((name, i) => ({ label: name, stroke: COLOURS[i % COLOURS.length], width: 2, spanGaps: true }))],
  }, data, container);
  return {
    add(seconds, values) {
      data[0].push(seconds);
      values.forEach((v, i) => data[i + 1].push(v === undefined ? null : v));
      if (data[0].length > capacity) {
        data.forEach((column) => column.shift());
      }
      plot.setData(data);
      // How many points the chart holds: for a reader of the page's structure (the browser test).
      container.dataset.points = String(data[0].length);
    },
    destroy() {
      plot.destroy();
    },
  };
}
