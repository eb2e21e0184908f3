// The real-data tasks' problem (SPEC §3.9, §4, §5.3–5.6): training data, evaluation data and the
// task's metric — accuracy (binary at 0.5, or argmax over 10 classes, trained with cross-entropy) or an
// INR's PSNR with peak 1.
import type { Matrix } from '../linalg/matrix.js';
import { argmaxAccuracy, binaryAccuracy } from '../metrics/accuracy.js';
import { baselinePsnr, psnr } from '../metrics/psnr.js';
import type { ReferenceLoader } from './iht-options.js';
import type { MemoryTerm, Problem, Task } from './task.js';

export interface DatasetData {
  xTrain: Matrix;
  yTrain: Float64Array;
  xEval: Matrix;
  yEval: Float64Array;
  /** output dimension */
  k: number;
  metric: 'binary' | 'multiclass' | 'psnr';
  dataSource: string;
  /** how the reference loads the training data (its row orders and mini-batch generator seed) */
  loader: ReferenceLoader;
  /** the evaluation is a pass over the training loader (INR), not over an unshuffled test loader (MNIST) */
  evaluatesTraining: boolean;
}

const bytesOf = (d: DatasetData) => d.xTrain.data.byteLength + d.yTrain.byteLength + (d.xEval === d.xTrain ? 0 : d.xEval.data.byteLength + d.yEval.byteLength);

export function datasetProblem(data: DatasetData): Problem {
  const rows = data.xEval.rows;
  return {
    network: {
      xTrain: data.xTrain,
      yTrain: data.yTrain,
      xEval: data.xEval,
      yEval: data.yEval,
      k: data.k,
      loss: data.metric === 'multiclass' ? 'cross-entropy' : 'mse',
      loader: data.loader,
      evaluatesTraining: data.evaluatesTraining,
      // the reference's IMP evaluates on an unshuffled test loader (INR: the image in pixel order)
      impEvalShuffles: false,
    },
    score(pred, batch, order = null) {
      if (data.metric === 'psnr') {
        const fit = psnr(pred, data.yEval, rows, 1, batch, order);
        return { psnr: fit.psnr, mse: fit.mse, accuracy: null };
      }
      const accuracy = data.metric === 'binary' ? binaryAccuracy(pred, data.yEval, batch) : argmaxAccuracy(pred, data.yEval, data.k, batch);
      return { psnr: null, mse: null, accuracy };
    },
    // regression (INR) cells also report what predicting 0, or the best constant, scores
    baselines(batch) {
      if (data.metric !== 'psnr') return { psnrZero: null, psnrConstant: null };
      const b = baselinePsnr(data.yEval, rows, 1, batch);
      return { psnrZero: b.zero, psnrConstant: b.constant };
    },
    dataSource: data.dataSource,
    dataBytes: bytesOf(data),
  };
}

/** What every dataset task shares: a network form, no theorem form, fixed shapes. */
export function datasetTask(
  o: { shape: { n: number; d: number; k: number }; dataBytes: number } & Pick<Task, 'fields' | 'dataFiles' | 'checkData' | 'build'>,
  name: string,
): Task {
  const data: MemoryTerm = { what: `${name} data`, flags: '(fixed)', elements: o.dataBytes / 8, bytesPerElement: 8 };
  return {
    form: 'network',
    fields: o.fields,
    notDefined: { 'iht-theory': `--method iht-theory needs a planted ground truth; --task ${name} has none` },
    shape: () => o.shape,
    memory: () => [data],
    dataDependOnS: false,
    ...(o.dataFiles ? { dataFiles: o.dataFiles } : {}),
    ...(o.checkData ? { checkData: o.checkData } : {}),
    build: o.build,
  };
}
