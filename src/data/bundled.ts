// The DeadRinger data, inlined into the bundle as text so the default view needs no request at all.
import clustersCsv from '../../data/clusters.csv?raw';
import datapackageJson from '../../data/datapackage.json?raw';
import eventsCsv from '../../data/events.csv?raw';
import type { LoadInput } from '../io/load';

export const BUNDLED_INPUT: LoadInput = {
  events: { name: 'events.csv', text: eventsCsv },
  clusters: { name: 'clusters.csv', text: clustersCsv },
};

export const BUNDLED_METADATA_JSON: string = datapackageJson;
