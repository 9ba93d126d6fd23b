/**
 * Driver-local solvers for MLlib's linear objectives (pure Java, no Spark): the hinge loss of
 * {@code LinearSVC} and the multinomial log loss of {@code LogisticRegression}, each with MLlib's
 * L2 regularisation, instance weights, unregularised intercept and internal feature scaling,
 * minimised by L-BFGS as MLlib does (breeze OWL-QN / L-BFGS with the same memory, stopping rule and
 * Params). SER corpora are small: one MLlib fit of a one-vs-rest SVM on EmoDB is ~850 Spark jobs of
 * a few milliseconds of arithmetic each, so cross-validated protocols solve the same problems here,
 * on the driver, and hand the coefficients back to MLlib's own model classes.
 */
package io.serspark.learn;
