export {
  type Dataset,
  type DatasetName,
  datasetNames,
  foldSplit,
  loadDataset,
  sklearnFolds,
} from './datasets.js';
