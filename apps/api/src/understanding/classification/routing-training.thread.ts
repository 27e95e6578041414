import { parentPort, workerData } from 'node:worker_threads';
import { trainFromTexts, type TrainingInput } from './routing-training';

/** One training, off the API's event loop: segments and trains, answers the models, ends. */
parentPort!.postMessage(trainFromTexts(workerData as TrainingInput));
