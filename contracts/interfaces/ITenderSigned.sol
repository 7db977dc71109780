// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Tender} from "../types/Tender.sol";

/// @title ITenderSigned
/// @notice What the escrow does on a signature rather than a prior transaction, answered at the escrow's address by
/// its signed-actions module: a job funded in one transaction through the buyer's ERC-2612 permit.
/// @dev A permit is tried and may fail without sinking the call: anyone who saw it in the mempool can submit it to
/// the token first, and the allowance it gave is then already there. Only an allowance short of what the call pulls
/// refuses it ({PermitAllowanceShort}). Tokens are pulled only from the caller.
interface ITenderSigned {
    /// @notice A permit was given for a job in ETH (which comes as the call's value, and these calls take none).
    error PermitForEth();
    /// @notice After the permit (used by this call or before it), the escrow may pull less than the call needs.
    error PermitAllowanceShort(address token, address owner, uint256 allowance, uint256 needed);

    /// @notice {ITenderEscrow-postDirectHire} in an ERC-20, its price pulled through `permit` in the same transaction.
    function postDirectHireWithPermit(Tender.DirectHire calldata hire, Tender.Permit calldata permit)
        external
        returns (uint256 jobId);

    /// @notice {ITenderMarket-postRFQ} in an ERC-20, its maximum price pulled through `permit` in the same transaction.
    function postRFQWithPermit(Tender.RFQ calldata rfq, Tender.Permit calldata permit) external returns (uint256 jobId);
}
