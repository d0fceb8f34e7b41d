module.exports = async function stopGateway() {
  globalThis.haruTestGateway?.kill();
};
