"""Agents: profile, skills, contract and disability-aid cap."""
