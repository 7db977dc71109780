// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Tender} from "../types/Tender.sol";

/// @title IArbitratorRegistry
/// @notice Arbitrators publish their terms here; a job names an arbitrator and keeps the terms in force when it
/// was posted. Each publication of terms gets a new id; terms never change once published.
interface IArbitratorRegistry {
    /// @notice The caller is already registered as an arbitrator.
    error ArbitratorAlreadyRegistered(address arbitrator);
    /// @notice `account` is not a registered, active arbitrator.
    error ArbitratorNotActive(address account);
    /// @notice The arbitrator's fee is above the protocol's cap.
    error ArbitratorFeeTooHigh(uint16 feeBps, uint16 maxFeeBps);

    /// @notice `arbitrator` published terms `termsId` (on registration or update).
    event ArbitratorTermsPublished(
        address indexed arbitrator, uint32 indexed termsId, uint16 feeBps, uint32 ruleWindow, string termsURI
    );
    /// @notice `arbitrator` stopped taking new jobs. Jobs that named it keep it.
    event ArbitratorRetired(address indexed arbitrator);

    /// @notice Registers the caller as an arbitrator with its first terms.
    /// @dev Emits {ArbitratorTermsPublished}. Requirements: not registered before; `feeBps` at most 1,000;
    /// `ruleWindow` within the deployment's window bounds.
    /// @param feeBps Fee each disputing party pays, in bps of the job's price.
    /// @param ruleWindow Seconds the arbitrator takes to rule once the supplier has answered.
    /// @param termsURI Where the arbitrator's full terms are published.
    /// @return termsId The id of the published terms.
    function registerArbitrator(uint16 feeBps, uint32 ruleWindow, string calldata termsURI)
        external
        returns (uint32 termsId);

    /// @notice Publishes new terms for jobs posted from now on; running jobs keep theirs.
    /// @dev Emits {ArbitratorTermsPublished}. Requirements: the caller is an active arbitrator; as for register.
    function updateArbitratorTerms(uint16 feeBps, uint32 ruleWindow, string calldata termsURI)
        external
        returns (uint32 termsId);

    /// @notice Stops new jobs from naming the caller. It keeps ruling the jobs that already did. Final.
    /// @dev Emits {ArbitratorRetired}. Requirements: the caller is an active arbitrator.
    function retireArbitrator() external;

    /// @notice An arbitrator's current terms id, status and record of rulings (zeros if never registered).
    function arbitrator(address account) external view returns (Tender.Arbitrator memory);

    /// @notice A published version of terms (zeros if unknown).
    function arbitratorTerms(uint32 termsId) external view returns (Tender.ArbitratorTerms memory);
}
