"""The policy in features/ runs as tests: every scenario drives the real engine."""

from pytest_bdd import scenarios

scenarios("../features")
