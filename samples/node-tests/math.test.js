// A tiny suite for trying the run-tests workflow: "run the tests in samples/node-tests".
const test = require('node:test');
const assert = require('node:assert');

const add = (a, b) => a + b;

test('adds two numbers', () => {
  assert.strictEqual(add(2, 3), 5);
});

test('adding zero changes nothing', () => {
  assert.strictEqual(add(7, 0), 7);
});
