/**
 * js.mongoose-callback: a Mongoose call given a Node-style callback
 * (`User.find(q, (err, users) => …)`, `doc.save(function (err) …)`,
 * `mongoose.connect(uri, cb)`). Mongoose 7 removed callbacks: these throw
 * `MongooseError: Model.find() no longer accepts a callback`.
 */
import type * as TS from 'typescript';
import type { Detector, RawFinding } from '../detector.js';
import type { SnippetModel } from '../model.js';
import { usageOf } from '../promises.js';
import { functionArgument, position, span } from '../where.js';
import { words } from '../../../types.js';

/** Model statics and query methods that took a callback up to Mongoose 6. */
const MODEL_METHODS = new Set([
  'find', 'findOne', 'findById', 'findByIdAndUpdate', 'findByIdAndDelete', 'findByIdAndRemove', 'findOneAndUpdate',
  'findOneAndDelete', 'findOneAndRemove', 'findOneAndReplace', 'updateOne', 'updateMany', 'deleteOne', 'deleteMany',
  'countDocuments', 'estimatedDocumentCount', 'create', 'insertMany', 'exists', 'distinct', 'aggregate', 'bulkWrite',
  'replaceOne', 'remove', 'update', 'count', 'populate',
]);
/** Methods that only Mongoose documents, queries and the connection have under these names. */
const INSTANCE_METHODS = new Set(['save', 'exec', 'validate']);
const CONNECTION_METHODS = new Set(['connect', 'disconnect', 'createConnection']);
const ERR_PARAM = /^(?:err|error|e|er|ex)$/i;

/** The snippet is visibly Mongoose code: it imports mongoose or builds a Schema / model. */
function usesMongoose(model: SnippetModel): boolean {
  return model.identifiers.has('mongoose') || /\bnew\s+(?:mongoose\.)?Schema\s*\(|\bmodel\s*\(\s*['"`]/.test(model.text);
}

/** `(err, docs) => …` / `function (err) {…}` as the last argument. */
function errFirstCallback(ts: SnippetModel['ts'], call: TS.CallExpression): TS.ArrowFunction | TS.FunctionExpression | null {
  const fn = functionArgument(ts, call.arguments[call.arguments.length - 1]);
  if (fn === null) return null;
  const first = fn.parameters[0];
  return first !== undefined && ts.isIdentifier(first.name) && ERR_PARAM.test(first.name.text) ? fn : null;
}

/** `await x.find(q, cb)` or `await x.find(q).exec(cb)`: the callback call is what is awaited. */
function awaitedCall(ts: SnippetModel['ts'], call: TS.CallExpression): boolean {
  return usageOf(ts, call).usage === 'awaited';
}

export const mongooseCallback: Detector = {
  id: 'js.mongoose-callback',
  detect(model, hints) {
    const { ts, sourceFile } = model;
    const out: RawFinding[] = [];
    // The paste says it runs a Mongoose that still takes callbacks: they are no mistake there.
    if (hints.mongooseMajor != null && hints.mongooseMajor < 7) return out;
    const mongoose = usesMongoose(model);
    for (const call of model.calls) {
      const callee = call.expression;
      if (!ts.isPropertyAccessExpression(callee)) continue;
      const method = callee.name.text;
      const recv = callee.expression;
      const recvText = recv.getText(sourceFile);
      const onModel = ts.isIdentifier(recv) && /^[A-Z]/.test(recv.text) && MODEL_METHODS.has(method);
      const onConnection = ts.isIdentifier(recv) && recv.text === 'mongoose' && CONNECTION_METHODS.has(method);
      // `.find(…).sort(…).exec(cb)`, `user.save(cb)`: Mongoose only when the snippet shows it is Mongoose code.
      const onInstance = mongoose && INSTANCE_METHODS.has(method);
      const onQuery = mongoose && MODEL_METHODS.has(method) && !ts.isIdentifier(recv);
      // `book.save(function (err) { … })`, the callback alone: the Mongoose document's own shape (the MDN
      // and Express tutorials' code), recognised without an import, as a likely answer only.
      const documentSave = !mongoose && method === 'save' && call.arguments.length === 1 && ts.isIdentifier(recv) && /^[a-z]/.test(recv.text);
      if (!onModel && !onConnection && !onInstance && !onQuery && !documentSave) continue;
      if (errFirstCallback(ts, call) === null) continue;
      const shown = `${recvText.length > 30 ? '…' : recvText}.${method}()`;
      out.push({
        ...position(model, call),
        message: words('js.mongoose-callback', { call: shown, method }),
        // Without an import, `User.find(q, cb)` is still almost always Mongoose (a capitalised model, an err-first
        // callback), but it might be Mongoose 6, where callbacks work: a likely answer, not a sure one.
        // `await Model.find(q, cb)`: on any version the await does not wait for the callback (Mongoose 7 throws
        // first), which js.await-non-promise explains with the same fix; this finding then comes second.
        confidence: Math.min(mongoose || onConnection ? 0.75 : 0.6, awaitedCall(ts, call) ? 0.65 : 1),
        data: { ...span(model, call), method, receiver: recvText },
      });
    }
    return out;
  },
};
