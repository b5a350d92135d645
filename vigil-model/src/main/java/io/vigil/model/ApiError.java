package io.vigil.model;

/** The JSON body of every 4xx/5xx answer: a stable code and a human-readable message. */
public record ApiError(String error, String message) {}
